import { Composer, type Context } from 'grammy';
import { questionOf, startsWithCommand } from './addressed.js';
import { answerQuestion } from './ask.js';
import type { BotDeps } from './deps.js';
import { sendPlain } from './reply.js';

/**
 * Questions in plain words: any text in a private chat; in a group, a message that mentions the
 * bot or replies to one of its messages. Everything else in a group passes by in silence.
 * Install after the commands: a command that reaches this point is unknown.
 */
export function questions(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('message:text', async (ctx, next) => {
    if (startsWithCommand(ctx.message)) {
      if (ctx.chat.type === 'private') await sendPlain(ctx, '没有这个命令。发送 /help 查看可以做什么。');
      return next();
    }
    const question = questionOf(ctx.message, ctx.me);
    if (question === null) return next();
    if (question === '') {
      await sendPlain(ctx, `请在 @${ctx.me.username} 后面写上问题，例如：@${ctx.me.username} 语料里有哪些单位`);
      return;
    }
    await answerQuestion(ctx, deps, question);
  });
  return composer;
}
