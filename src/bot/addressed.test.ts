import { expect, test } from 'vitest';
import type { Message } from 'grammy/types';
import { FAKE_BOT } from '../../test/fake-telegram/server.js';
import { ALICE, BOB, groupText, privateText } from '../../test/fake-telegram/updates.js';
import { isAddressed, questionOf } from './addressed.js';

const msg = (u: { message?: unknown }) => ({ message_id: 1, ...(u.message as object) }) as Message;
const botMessage = { message_id: 9, date: 0, chat: { id: -1, type: 'supergroup', title: 'g' }, from: FAKE_BOT, text: '回答' } as Message;

test('in a private chat every text is a question', () => {
  expect(questionOf(msg(privateText(ALICE, '语料概况')), FAKE_BOT)).toBe('语料概况');
});

test('in a group, plain chatter is not for the bot', () => {
  const m = msg(groupText(ALICE, '今天开会'));
  expect(isAddressed(m, FAKE_BOT)).toBe(false);
  expect(questionOf(m, FAKE_BOT)).toBeNull();
});

test('a mention of the bot, anywhere and in any case, asks the rest of the message', () => {
  expect(questionOf(msg(groupText(ALICE, '@report_qa_bot 牡丹江 2020 采购')), FAKE_BOT)).toBe('牡丹江 2020 采购');
  expect(questionOf(msg(groupText(ALICE, '请问 @Report_QA_Bot 语料概况')), FAKE_BOT)).toBe('请问 语料概况');
});

test('a mention of someone else is not for the bot', () => {
  expect(questionOf(msg(groupText(ALICE, '@liqiang 语料概况')), FAKE_BOT)).toBeNull();
});

test('a reply to the bot is a question; a reply to someone else is not', () => {
  expect(questionOf(msg(groupText(ALICE, '那呼兰呢', botMessage)), FAKE_BOT)).toBe('那呼兰呢');
  const fromBob = { ...botMessage, from: BOB } as Message;
  expect(questionOf(msg(groupText(ALICE, '同意', fromBob)), FAKE_BOT)).toBeNull();
});

test('a command is addressed, but left to its own handler', () => {
  const m = msg(groupText(ALICE, '/ask@report_qa_bot 语料概况'));
  expect(isAddressed(m, FAKE_BOT)).toBe(true);
  expect(questionOf(m, FAKE_BOT)).toBeNull();
});
