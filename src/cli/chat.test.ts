import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { FixedEngine, Q } from '../../test/fake-telegram/fixed_engine.js';
import { runChat } from './chat.js';

async function chat(input: string, engine = new FixedEngine()): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let printed = '';
  stdout.on('data', (d: Buffer) => (printed += d.toString()));
  const done = runChat(engine, { input: stdin, output: stdout });
  stdin.end(input);
  await done;
  return printed;
}

test('each line is a question and its answer text is printed', async () => {
  const out = await chat(`${Q.about}\n${Q.rank}\n`);
  expect(out).toContain('语料共 5 份报告');
  expect(out).toContain('2. 呼兰区教育局 258.3 万元');
});

test('"exit" ends the chat; later lines are not asked', async () => {
  const engine = new FixedEngine();
  await chat(`${Q.about}\nexit\n${Q.rank}\n`, engine);
  expect(engine.asked).toEqual([Q.about]);
});

test('an engine failure is printed and the chat goes on', async () => {
  const engine = new FixedEngine();
  engine.failOn = /排名/;
  const out = await chat(`${Q.rank}\n${Q.about}\n`, engine);
  expect(out).toContain('出错了');
  expect(out).toContain('语料共 5 份报告');
});
