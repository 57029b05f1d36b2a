/** The order service's HTTP routes. */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { ServiceError } from '../shared/errors.ts';
import { CUSTOMER_ID_PATTERN, createOrderSchema } from './schema.ts';
import { findOrder, insertOrder, listCustomerOrders, UUID_PATTERN } from './store.ts';

export const MAX_PAGE_SIZE = 50;

const listQuerySchema = z.object({
  customerId: z.string({ error: 'customerId is required' }).regex(CUSTOMER_ID_PATTERN, {
    error: 'customerId must be 1-64 of A-Z, a-z, 0-9, _ and -',
  }),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  size: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .transform((size) => Math.min(size, MAX_PAGE_SIZE)),
});

export interface OrderRoutesOptions {
  pool: pg.Pool;
  now: () => number;
  /** Called after an order committed, so the outbox relay publishes it without waiting to poll. */
  onOrderCommitted?: () => void;
}

export function registerOrderRoutes(app: FastifyInstance, options: OrderRoutesOptions) {
  const { pool } = options;

  app.post('/orders', async (request, reply) => {
    if (request.body === undefined || request.body === null) {
      throw new ServiceError('MALFORMED_JSON', 'Send the order as a JSON object body.');
    }
    const input = createOrderSchema.parse(request.body);
    const order = await insertOrder(pool, input, options.now());
    options.onOrderCommitted?.();
    return reply.code(201).header('location', `/orders/${order.id}`).send(order);
  });

  app.get<{ Params: { id: string } }>('/orders/:id', async (request) => {
    const { id } = request.params;
    if (!UUID_PATTERN.test(id))
      throw new ServiceError('INVALID_ID', `Order id must be a UUID; got "${id}".`);
    const order = await findOrder(pool, id);
    if (!order) throw new ServiceError('NOT_FOUND', `No order has id ${id}.`);
    return order;
  });

  app.get('/orders', async (request) => {
    const query = listQuerySchema.parse(request.query);
    const { orders, hasNext } = await listCustomerOrders(
      pool,
      query.customerId,
      query.page,
      query.size,
    );
    return { items: orders, page: { page: query.page, size: query.size, hasNext } };
  });
}
