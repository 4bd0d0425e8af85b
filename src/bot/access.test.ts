import { expect, test } from 'vitest';
import type { AccessConfig } from '../config.js';
import { isAllowed } from './access.js';

const GROUP = -100123;
const config = (c: Partial<AccessConfig>): AccessConfig => ({
  allowedChatIds: null,
  allowedUserIds: null,
  adminUserIds: new Set(),
  ...c,
});

test('with no lists, everyone everywhere', () => {
  expect(isAllowed(config({}), 1, GROUP)).toBe(true);
});

test('ALLOWED_CHAT_IDS alone opens the bot to everyone in those chats, and nowhere else', () => {
  const c = config({ allowedChatIds: new Set([GROUP]) });
  expect(isAllowed(c, 1, GROUP)).toBe(true);
  expect(isAllowed(c, 1, 1)).toBe(false);
  expect(isAllowed(c, 1, undefined)).toBe(false);
});

test('ALLOWED_USER_IDS alone opens the bot to those people wherever they are', () => {
  const c = config({ allowedUserIds: new Set([1]) });
  expect(isAllowed(c, 1, GROUP)).toBe(true);
  expect(isAllowed(c, 1, undefined)).toBe(true);
  expect(isAllowed(c, 2, GROUP)).toBe(false);
});

test('both lists: those people in those chats', () => {
  const c = config({ allowedChatIds: new Set([GROUP]), allowedUserIds: new Set([1]) });
  expect(isAllowed(c, 1, GROUP)).toBe(true);
  expect(isAllowed(c, 2, GROUP)).toBe(false);
  expect(isAllowed(c, 1, -100999)).toBe(false);
});

test('admins are always allowed', () => {
  const c = config({ allowedChatIds: new Set([GROUP]), allowedUserIds: new Set([1]), adminUserIds: new Set([9]) });
  expect(isAllowed(c, 9, -100999)).toBe(true);
});
