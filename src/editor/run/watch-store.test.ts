import { beforeEach, describe, expect, it, vi } from 'vitest';

const KEY = 'backprop-studio:watch';

async function freshStore() {
  vi.resetModules();
  return (await import('./watch-store')).useWatch;
}

describe('watch preferences', () => {
  beforeEach(() => localStorage.clear());

  it('start from the defaults and remember the Jacobian switch, the speed and the panel height', async () => {
    let watch = await freshStore();
    expect(watch.getState()).toMatchObject({ showJacobians: true, playIntervalMs: 600, panelHeight: 250, jacobianNodeId: null });
    watch.getState().setShowJacobians(false);
    watch.getState().setPlayInterval(300);
    watch.getState().setPanelHeight(400);
    watch = await freshStore();
    expect(watch.getState()).toMatchObject({ showJacobians: false, playIntervalMs: 300, panelHeight: 400 });
  });

  it('keep values within their limits, and a drag remembers only its end', async () => {
    const watch = await freshStore();
    watch.getState().setPlayInterval(5);
    watch.getState().setPanelHeight(10_000);
    expect(watch.getState()).toMatchObject({ playIntervalMs: 120, panelHeight: 640 });
    watch.getState().setPanelHeight(300, false);
    expect(JSON.parse(localStorage.getItem(KEY)!).panelHeight).toBe(640);
    watch.getState().setPanelHeight(300);
    expect(JSON.parse(localStorage.getItem(KEY)!).panelHeight).toBe(300);
  });

  it('ignore a saved value of the wrong kind and bring one out of range within its limits', async () => {
    localStorage.setItem(KEY, '{"showJacobians":"yes","playIntervalMs":null,"panelHeight":-5}');
    let watch = await freshStore();
    expect(watch.getState()).toMatchObject({ showJacobians: true, playIntervalMs: 600, panelHeight: 120 });
    localStorage.setItem(KEY, 'not json');
    watch = await freshStore();
    expect(watch.getState().panelHeight).toBe(250);
  });

  it('open and close the Jacobian view, and ask for a panel tab again and again', async () => {
    const watch = await freshStore();
    watch.getState().openJacobian('fc2');
    expect(watch.getState().jacobianNodeId).toBe('fc2');
    watch.getState().closeJacobian();
    expect(watch.getState().jacobianNodeId).toBeNull();
    watch.getState().showPanelTab('backprop');
    const first = watch.getState().panelTabRequest!;
    watch.getState().showPanelTab('backprop');
    expect(watch.getState().panelTabRequest).toEqual({ key: 'backprop', token: first.token + 1 });
  });
});
