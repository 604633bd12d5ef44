// The engine's fetch warm-up: one `data:` request on the next turn, nothing on the network, and a
// failing fetch never surfaces.
import { warmUpFetch } from '../../../main/upstream/fetch-warm-up';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('warmUpFetch', () => {
  it('asks for a data: URL once, on the next turn of the loop', async () => {
    const urls: string[] = [];
    const fake = ((url: string) => {
      urls.push(url);
      return Promise.resolve(new Response('ok'));
    }) as typeof fetch;
    warmUpFetch(fake);
    expect(urls).toEqual([]);
    await nextTurn();
    expect(urls).toEqual(['data:,']);
  });

  it('swallows a failing fetch', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      warmUpFetch((() => Promise.reject(new Error('no fetch here'))) as typeof fetch);
      await nextTurn();
      await nextTurn();
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it("loads Node's own fetch with a data: URL that answers without a socket", async () => {
    const response = await fetch('data:,');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
