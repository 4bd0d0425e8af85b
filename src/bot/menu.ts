import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Logger } from '../log.js';

/** The commands menu of private chats (Telegram shows it behind the "/" button). */
export const PRIVATE_COMMANDS: readonly BotCommand[] = [
  { command: 'start', description: '开始使用：我能回答什么' },
  { command: 'help', description: '帮助与示例问题' },
  { command: 'ask', description: '提问：/ask 问题' },
  { command: 'report', description: '一份年报的概况：/report 单位 年份' },
  { command: 'rank', description: '指标排名：/rank 指标 年份' },
  { command: 'check', description: '数据一致性检查：/check [单位 年份]' },
  { command: 'about', description: '语料概况：报告数、单位、年份' },
];

/** Groups get the same, without /start (which only makes sense in a private chat). */
export const GROUP_COMMANDS: readonly BotCommand[] = PRIVATE_COMMANDS.filter((c) => c.command !== 'start');

/** Admins also see /status and /add in their private chat with the bot. */
export const ADMIN_COMMANDS: readonly BotCommand[] = [
  ...PRIVATE_COMMANDS,
  { command: 'add', description: '添加报告：/add 链接，或直接发送文件（管理员）' },
  { command: 'status', description: '运行状态（管理员）' },
];

/**
 * Publishes the command menus (private and group scopes; admins' chats get /status). A failure
 * is logged and does not stop the bot: the commands work whether or not the menu shows them.
 */
export async function registerCommands(api: Api, adminUserIds: Iterable<number>, log: Logger): Promise<void> {
  const menus: [readonly BotCommand[], Parameters<Api['setMyCommands']>[1]][] = [
    [PRIVATE_COMMANDS, { scope: { type: 'all_private_chats' } }],
    [GROUP_COMMANDS, { scope: { type: 'all_group_chats' } }],
    ...[...adminUserIds].map(
      (id): [readonly BotCommand[], Parameters<Api['setMyCommands']>[1]] => [ADMIN_COMMANDS, { scope: { type: 'chat', chat_id: id } }],
    ),
  ];
  for (const [commands, options] of menus) {
    try {
      await api.setMyCommands(commands, options);
    } catch (err) {
      // An admin who never opened a chat with the bot makes Telegram answer "chat not found".
      log.warn({ err, scope: options?.scope }, 'could not set the command menu');
    }
  }
}
