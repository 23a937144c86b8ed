// Another process's writer on the same index file, in a worker thread: commits small write transactions one after
// another until told to stop, as a second search replica does while both apply events.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const database = new Database(workerData.file);
database.pragma('journal_mode = WAL');
database.exec('create table if not exists other_writer (n integer)');
const insert = database.prepare('insert into other_writer (n) values (?)');
const write = database.transaction((n) => insert.run(n));
let stop = false;
parentPort.on('message', () => {
  stop = true;
});
let commits = 0;
parentPort.postMessage({ started: true });
while (!stop) {
  write.immediate(commits++);
  // Let the stop message in now and then.
  if (commits % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
}
database.close();
parentPort.postMessage({ commits });
