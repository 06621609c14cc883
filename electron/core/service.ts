import { NoticeBoard, type Notice } from './notices';

export interface AppServiceOptions {
  name: string;
  version: string;
  dataDir: string;
}

/**
 * The application service: the one object every face (desktop, browser host, CLI) calls. It grows
 * with each area; faces never reach past it into the cache or the connectors.
 */
export class AppService {
  readonly notices = new NoticeBoard();

  constructor(private readonly options: AppServiceOptions) {}

  info(): { name: string; version: string; dataDir: string; platform: string } {
    const { name, version, dataDir } = this.options;
    return { name, version, dataDir, platform: process.platform };
  }

  listNotices(): Notice[] {
    return this.notices.list();
  }
}
