/** The query wire protocol as raw HTTP: flattened lists in, XML out, queue URL in the path. */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';

const fixture = useLocalCloud();
const REPEATED = ['ReceiveMessageResult.Message', '.Attribute', '.MessageAttribute', '.QueueUrl'];
const xml = new XMLParser({
  htmlEntities: true,
  isArray: (_name, jpath) => REPEATED.some((suffix) => String(jpath).endsWith(suffix)),
});

async function query(params: Record<string, string>, path = '/') {
  const response = await fetch(`${fixture.endpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
  });
  const text = await response.text();
  return { status: response.status, text, doc: xml.parse(text) };
}

describe('SQS query protocol', () => {
  it('creates with flattened attributes and sends, receives and deletes in XML', async () => {
    // Arrange
    const created = await query({
      Action: 'CreateQueue',
      QueueName: 'xml-q',
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '12',
    });
    const queueUrl = created.doc.CreateQueueResponse.CreateQueueResult.QueueUrl[0];

    // Act
    const sent = await query({
      Action: 'SendMessage',
      QueueUrl: queueUrl,
      MessageBody: 'a <b> & "c"\r',
      'MessageAttribute.1.Name': 'attribName1',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'attribValue 1',
    });
    const received = await query({
      Action: 'ReceiveMessage',
      QueueUrl: queueUrl,
      'AttributeName.1': 'ApproximateReceiveCount',
      'MessageAttributeName.1': 'All',
    });
    const message = received.doc.ReceiveMessageResponse.ReceiveMessageResult.Message[0];
    const deleted = await query({
      Action: 'DeleteMessage',
      QueueUrl: queueUrl,
      ReceiptHandle: message.ReceiptHandle,
    });
    const attributes = await query({
      Action: 'GetQueueAttributes',
      QueueUrl: queueUrl,
      'AttributeName.1': 'All',
    });

    // Assert
    expect(queueUrl).toBe(`${fixture.endpoint}/000000000000/xml-q`);
    expect(sent.doc.SendMessageResponse.SendMessageResult.MD5OfMessageAttributes).toBe(
      '19e27d4e946b072f3f58da80d94fd778',
    );
    expect(received.text).toContain('&quot;c&quot;&#xD;');
    expect(message.Body).toBe('a <b> & "c"\r');
    expect(message.Attribute).toEqual([{ Name: 'ApproximateReceiveCount', Value: 1 }]);
    expect(message.MessageAttribute[0]).toEqual({
      Name: 'attribName1',
      Value: { DataType: 'String', StringValue: 'attribValue 1' },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.text).toContain('<DeleteMessageResponse');
    expect(deleted.text).not.toContain('DeleteMessageResult');
    const byName = Object.fromEntries(
      attributes.doc.GetQueueAttributesResponse.GetQueueAttributesResult.Attribute.map(
        (a: { Name: string; Value: unknown }) => [a.Name, String(a.Value)],
      ),
    );
    expect(byName).toMatchObject({
      VisibilityTimeout: '12',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('takes the queue from the path when the body has no QueueUrl', async () => {
    await query({ Action: 'CreateQueue', QueueName: 'path-q' });

    const sent = await query(
      { Action: 'SendMessage', MessageBody: 'via path' },
      '/000000000000/path-q',
    );
    const received = await query(
      { Action: 'ReceiveMessage' },
      '/queue/us-east-1/000000000000/path-q',
    );

    expect(sent.status).toBe(200);
    expect(received.doc.ReceiveMessageResponse.ReceiveMessageResult.Message[0].Body).toBe(
      'via path',
    );
  });

  it('reports batch entries as SendMessageBatchResultEntry and BatchResultErrorEntry', async () => {
    await query({ Action: 'CreateQueue', QueueName: 'batch-q' });

    const answer = await query(
      {
        Action: 'SendMessageBatch',
        'SendMessageBatchRequestEntry.1.Id': 'good',
        'SendMessageBatchRequestEntry.1.MessageBody': 'fine',
        'SendMessageBatchRequestEntry.2.Id': 'bad',
        'SendMessageBatchRequestEntry.2.MessageBody': 'late',
        'SendMessageBatchRequestEntry.2.DelaySeconds': '901',
      },
      '/000000000000/batch-q',
    );

    const result = answer.doc.SendMessageBatchResponse.SendMessageBatchResult;
    expect(result.SendMessageBatchResultEntry.Id).toBe('good');
    expect(result.BatchResultErrorEntry).toMatchObject({
      Id: 'bad',
      SenderFault: true,
      Code: 'InvalidParameterValue',
    });
  });

  it('answers errors as an XML ErrorResponse with the query error code', async () => {
    const missing = await query({ Action: 'GetQueueUrl', QueueName: 'nowhere' });
    const unknown = await query({ Action: 'Teleport' });

    expect(missing.status).toBe(400);
    expect(missing.doc.ErrorResponse.Error).toMatchObject({
      Type: 'Sender',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      Message: 'The specified queue does not exist.',
    });
    expect(missing.doc.ErrorResponse.RequestId).toBeTruthy();
    expect(unknown.doc.ErrorResponse.Error.Code).toBe('InvalidAction');
  });
});
