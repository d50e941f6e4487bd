import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { stopWhenUnwatched } from '../../../core/launch/idle-stop.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

it('stops once no page has held the event stream for the grace period', () => {
  const stop = vi.fn();
  const pagesChanged = stopWhenUnwatched(3000, 120_000, stop);
  pagesChanged(1);
  vi.advanceTimersByTime(600_000);
  expect(stop).not.toHaveBeenCalled();
  pagesChanged(0);
  vi.advanceTimersByTime(2999);
  expect(stop).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(stop).toHaveBeenCalledExactlyOnceWith('window-closed');
});

it('does not stop when the page comes back within the grace period (a reload), nor while another window is open', () => {
  const stop = vi.fn();
  const pagesChanged = stopWhenUnwatched(3000, 120_000, stop);
  pagesChanged(1);
  pagesChanged(0);
  vi.advanceTimersByTime(800);
  pagesChanged(1);
  pagesChanged(2);
  pagesChanged(1);
  vi.advanceTimersByTime(600_000);
  expect(stop).not.toHaveBeenCalled();
});

it('stops when no page ever came, and only then', () => {
  const neverCame = vi.fn();
  stopWhenUnwatched(3000, 120_000, neverCame);
  vi.advanceTimersByTime(119_999);
  expect(neverCame).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(neverCame).toHaveBeenCalledExactlyOnceWith('window-never-opened');
  const came = vi.fn();
  stopWhenUnwatched(3000, 120_000, came)(1);
  vi.advanceTimersByTime(600_000);
  expect(came).not.toHaveBeenCalled();
});
