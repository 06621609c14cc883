import type { Command } from 'commander';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';

/**
 * Checks every page of the cache now. Opening normally checks only after an unclean shutdown or
 * once a week; a damaged file is moved aside and its local-only data carried over, as at start-up.
 */
export function registerCheckCacheCommand(program: Command, ctx: CliContext): void {
  program
    .command('check-cache')
    .description('check every page of the local cache for damage now (done weekly and after a crash anyway)')
    .action(async () => {
      const service = ctx.openService({ checkIntegrity: true });
      try {
        const notices = service.listNotices();
        for (const notice of notices) {
          if (notice.level === 'error') ctx.log.error(notice.message);
          else ctx.log.warn(notice.message);
        }
        if (notices.some((notice) => notice.level === 'error')) ctx.setExitCode(EXIT.failed);
        else ctx.out(`The cache in ${service.info().dataDir} is sound: every page was checked.`);
      } finally {
        await service.close();
      }
    });
}
