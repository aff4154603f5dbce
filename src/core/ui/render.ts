import { html } from 'hono/html';
import { jsx } from 'hono/jsx';
import { RequestContext } from 'hono/jsx-renderer';
import type { AppContext } from '../http/env.js';

type Node = Parameters<typeof jsx>[2];

/** Renders a page to its HTML text, with the request available to every component. */
export async function renderToString(c: AppContext, node: Node): Promise<string> {
  const body = html`<!DOCTYPE html>${jsx(RequestContext.Provider, { value: c }, node)}`;
  return (await body).toString();
}

export async function renderPage(c: AppContext, node: Node, status = 200): Promise<Response> {
  const text = await renderToString(c, node);
  return c.html(text, status as 200);
}
