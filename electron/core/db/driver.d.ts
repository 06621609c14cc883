/**
 * Types for better-sqlite3-multiple-ciphers. The package ships an index.d.ts, but its `exports`
 * map hides it from TypeScript's "bundler" resolution; this declares the part of the API we use.
 */
declare module 'better-sqlite3-multiple-ciphers' {
  namespace BetterSqlite {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    interface Statement {
      readonly source: string;
      readonly reader: boolean;
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
      iterate(...params: unknown[]): IterableIterator<unknown>;
      /** Return only the first column's value. */
      pluck(toggle?: boolean): this;
    }

    /** A function that runs in a transaction (a savepoint when nested). */
    interface Transaction<F extends (...args: never[]) => unknown> {
      (...args: Parameters<F>): ReturnType<F>;
      immediate(...args: Parameters<F>): ReturnType<F>;
    }

    interface Database {
      readonly name: string;
      readonly open: boolean;
      readonly inTransaction: boolean;
      prepare(sql: string): Statement;
      exec(sql: string): this;
      pragma(source: string, options?: { simple?: boolean }): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F>;
      close(): this;
    }

    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
    }
  }

  interface DatabaseConstructor {
    new (filename: string, options?: BetterSqlite.Options): BetterSqlite.Database;
  }

  const BetterSqlite: DatabaseConstructor;
  export = BetterSqlite;
}
