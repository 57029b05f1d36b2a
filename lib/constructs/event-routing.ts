/**
 * The event bus and its two rules. The `order.placed` rule is created without a target: the
 * stack attaches the Lambda or the inventory queue depending on the inventory mode, which is
 * the one place the two modes differ on the event path.
 */
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DETAIL_TYPE,
  EVENT_BUS_NAME,
  INVENTORY_EVENT_SOURCE,
  ORDER_EVENT_SOURCE,
} from '../../src/shared/names.ts';

export const ORDER_PLACED_RULE_NAME = 'novamart-order-placed';
export const INVENTORY_OUTCOME_RULE_NAME = 'novamart-inventory-outcome';

export interface EventRoutingProps {
  /** Where `inventory.*` events go so the order service can update order status. */
  readonly orderEventsQueue: sqs.IQueue;
}

export class EventRouting extends Construct {
  readonly bus: events.EventBus;
  readonly orderPlacedRule: events.Rule;

  constructor(scope: Construct, id: string, props: EventRoutingProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: EVENT_BUS_NAME });

    this.orderPlacedRule = new events.Rule(this, 'OrderPlacedRule', {
      ruleName: ORDER_PLACED_RULE_NAME,
      eventBus: this.bus,
      eventPattern: { source: [ORDER_EVENT_SOURCE], detailType: [DETAIL_TYPE.orderPlaced] },
    });

    new events.Rule(this, 'InventoryOutcomeRule', {
      ruleName: INVENTORY_OUTCOME_RULE_NAME,
      eventBus: this.bus,
      eventPattern: {
        source: [INVENTORY_EVENT_SOURCE],
        detailType: events.Match.prefix('inventory.'),
      },
      targets: [new targets.SqsQueue(props.orderEventsQueue)],
    });
  }
}
