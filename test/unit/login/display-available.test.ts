import { describe, expect, it } from 'vitest';
import { graphicalSessionAvailable } from '../../../core/graphical-session.js';
import { checkDisplayForLogin, isMissingDisplayFailure } from '../../../core/login/display-available.js';

describe('graphicalSessionAvailable', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux and the BSDs, and nothing on macOS and Windows', () => {
    expect(graphicalSessionAvailable({}, 'linux')).toBe(false);
    expect(graphicalSessionAvailable({ DISPLAY: ' ', WAYLAND_DISPLAY: '' }, 'linux')).toBe(false);
    expect(graphicalSessionAvailable({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(graphicalSessionAvailable({ WAYLAND_DISPLAY: 'wayland-0' }, 'freebsd')).toBe(true);
    expect(graphicalSessionAvailable({}, 'darwin')).toBe(true);
    expect(graphicalSessionAvailable({}, 'win32')).toBe(true);
  });

  it('lets a headless browser start anywhere, and refuses a window with login-no-display', () => {
    expect(() => checkDisplayForLogin(true, {}, 'linux')).not.toThrow();
    expect(() => checkDisplayForLogin(false, {}, 'linux')).toThrow(expect.objectContaining({ code: 'login-no-display' }));
  });

  it("recognises Chromium's own words for a display it cannot reach", () => {
    expect(isMissingDisplayFailure('[32383:ERROR:ozone_platform_x11.cc(257)] Missing X server or $DISPLAY')).toBe(true);
    expect(isMissingDisplayFailure('Failed to launch: spawn /usr/bin/chromium EACCES')).toBe(false);
  });
});
