// Exit 0 when a Kafka broker at argv[2] answers a metadata request within a few seconds.
const { Kafka, logLevel } = require('kafkajs');
const broker = process.argv[2] || '127.0.0.1:9092';
const admin = new Kafka({ clientId: 'fsl-probe', brokers: [broker], logLevel: logLevel.NOTHING,
  connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 } }).admin();
admin.connect().then(() => admin.describeCluster()).then(
  () => admin.disconnect().then(() => process.exit(0)),
  () => process.exit(1));
