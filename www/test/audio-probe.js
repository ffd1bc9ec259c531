// Test helper, loaded in the page by tests/e2e/sound.test.mjs and tests/engines/checks.mjs:
// mounts a spec, renders its sound schedule with an OfflineAudioContext and measures the
// audio itself, so both suites check the same thing in every engine.
import { mount } from "../trade-chart.js";
import { scheduleSound } from "../sound.js";

const RATE = 44100;

/**
 * Renders `spec`'s schedule offline. Returns, per note of the first part, the expected
 * frequency and pan and what was measured in the middle of the note (dominant frequency
 * from zero crossings, RMS, right-minus-left balance); the part's start, end and label;
 * the duration; the width of one point's slot; `quiet`, the audio over point slots
 * `quietSlots` ([from, to], if given); and `lead`, the audio before the part starts.
 */
export async function renderOffline(spec, quietSlots) {
  const host = document.createElement("div");
  document.body.prepend(host);
  const chart = await mount(host, spec);
  const schedule = chart.handle.sonify(NaN, NaN, NaN);
  chart.destroy();
  host.remove();
  const Offline = globalThis.OfflineAudioContext || globalThis.webkitOfflineAudioContext;
  const ctx = new Offline(2, Math.ceil((schedule.duration + 0.3) * RATE), RATE);
  scheduleSound(ctx, schedule, 0);
  const buffer = await ctx.startRendering();
  const l = buffer.getChannelData(0);
  const r = buffer.getChannelData(1);
  const measure = (a, b) => {
    const i0 = Math.floor(a * RATE);
    const i1 = Math.floor(b * RATE);
    let crossings = 0;
    let sum = 0;
    let left = 0;
    let right = 0;
    let prev = l[i0] + r[i0];
    for (let i = i0; i < i1; i++) {
      const v = l[i] + r[i];
      if ((prev < 0 && v >= 0) || (prev >= 0 && v < 0)) crossings++;
      prev = v;
      sum += v * v;
      left += l[i] * l[i];
      right += r[i] * r[i];
    }
    const secs = (i1 - i0) / RATE;
    return { freq: crossings / 2 / secs, rms: Math.sqrt(sum / Math.max(1, i1 - i0)), balance: Math.sqrt(right) - Math.sqrt(left) };
  };
  const part = schedule.parts[0];
  const notes = part.notes.map((n) => ({ expected: n.freq, pan: n.pan, ...measure(n.t + n.dur * 0.15, n.t + n.dur * 0.7) }));
  const slot = (part.end - part.start) / spec.series[0].data.length;
  const quiet = quietSlots ? measure(part.start + quietSlots[0] * slot + 0.01, part.start + quietSlots[1] * slot - 0.01) : null;
  return { notes, duration: schedule.duration, part: { start: part.start, end: part.end, label: part.label }, slot, quiet, lead: measure(0, part.start - 0.01) };
}
