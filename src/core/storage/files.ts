import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { files } from './schema.js';
import type { FileKind } from './store.js';

export type StoredFile = typeof files.$inferSelect;

/**
 * Keeps an upload: the bytes in the content-addressed store, a row naming them in the
 * organization. Call it from inside a command (ctx.tx), whose audit entry records why.
 */
export async function saveFile(
  ctx: ServiceContext,
  input: { bytes: Uint8Array; name: string; kinds: FileKind[]; maxBytes?: number },
): Promise<StoredFile> {
  const blob = await ctx.app.files.put(input.bytes, {
    kinds: input.kinds,
    maxBytes: input.maxBytes ?? ctx.app.config.uploadLimit,
    name: input.name,
  });
  const name = input.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
  const [row] = await (ctx.tx ?? ctx.app.db)
    .insert(files)
    .values({
      orgId: ctx.orgId,
      sha256: blob.sha256,
      size: blob.size,
      mime: blob.mime,
      name,
      createdBy: ctx.actor?.userId || null,
      createdAt: ctx.app.now(),
    })
    .returning();
  if (!row) throw new Error('file row not created');
  return row;
}

export async function getFile(ctx: ServiceContext, id: number): Promise<StoredFile> {
  const [row] = await (ctx.tx ?? ctx.app.db)
    .select()
    .from(files)
    .where(and(eq(files.orgId, ctx.orgId), eq(files.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function readFileBytes(ctx: ServiceContext, id: number): Promise<{ file: StoredFile; bytes: Buffer }> {
  const file = await getFile(ctx, id);
  return { file, bytes: await ctx.app.files.read(file.sha256) };
}
