// trade-chart sound: plays the schedule Rust computes (`ChartHandle.sonify`, src/sound.rs)
// with the Web Audio API. One tone per series (pitch follows value, pan follows time),
// silence over gaps, a short high tick at annotated points; series play in turn and the
// chart's live region names each one. Only one sound plays per page at a time.

/** Loudness of the tone and of a tick (0..1). */
const TONE_GAIN = 0.22;
const TICK_GAIN = 0.14;
/** Notes longer than this are played detached (a short breath after each point). */
const DETACHED_SECONDS = 0.08;
const RAMP = 0.012;

let sharedContext = null;
let playing = null;

function audioContextClass() {
  return globalThis.AudioContext || globalThis.webkitAudioContext || null;
}

/** Whether this browser can play sound at all. */
export function soundSupported() {
  return audioContextClass() !== null;
}

/**
 * Builds the nodes that play `schedule` on `ctx` (an AudioContext or OfflineAudioContext),
 * starting at `at` (context seconds). Returns the source nodes, so that they can be stopped.
 */
export function scheduleSound(ctx, schedule, at = ctx.currentTime) {
  const sources = [];
  for (const part of schedule.parts) {
    if (!part.notes.length && !part.ticks.length) continue;
    const tone = ctx.createOscillator();
    tone.type = "triangle";
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, at);
    let out = ctx.destination;
    let pan = null;
    if (typeof ctx.createStereoPanner === "function") {
      pan = ctx.createStereoPanner();
      pan.connect(ctx.destination);
      out = pan;
    }
    tone.connect(gain).connect(out);
    const notes = part.notes;
    notes.forEach((n, k) => {
      const t = at + n.t;
      const next = notes[k + 1];
      const detached = n.dur > DETACHED_SECONDS;
      tone.frequency.setValueAtTime(n.freq, t);
      pan?.pan.setValueAtTime(n.pan, t);
      if (!n.joined || detached) {
        gain.gain.setValueAtTime(0, t);
        gain.gain.linearRampToValueAtTime(TONE_GAIN, t + RAMP);
      }
      const endsHere = detached || !next || !next.joined;
      if (endsHere) {
        const release = detached ? t + n.dur * 0.85 : t + n.dur;
        gain.gain.setValueAtTime(TONE_GAIN, Math.max(t + RAMP, release - RAMP * 2));
        gain.gain.linearRampToValueAtTime(0, release);
      }
    });
    tone.start(at + part.start);
    tone.stop(at + part.end + 0.05);
    sources.push(tone);

    if (part.ticks.length) {
      const tick = ctx.createOscillator();
      tick.type = "square";
      tick.frequency.setValueAtTime(schedule.tick_hz, at);
      const tickGain = ctx.createGain();
      tickGain.gain.setValueAtTime(0, at);
      tick.connect(tickGain).connect(out);
      for (const k of part.ticks) {
        const t = at + k.t;
        tickGain.gain.setValueAtTime(TICK_GAIN, t);
        tickGain.gain.setValueAtTime(0, t + schedule.tick_seconds);
      }
      tick.start(at + part.start);
      tick.stop(at + part.end + 0.05);
      sources.push(tick);
    }
  }
  return sources;
}

/** Stops whatever trade-chart sound is playing on this page. */
export function stopSound() {
  const p = playing;
  playing = null;
  if (!p) return;
  for (const s of p.sources) {
    try {
      s.stop();
    } catch {
      // already stopped
    }
    s.disconnect();
  }
  for (const t of p.timers) clearTimeout(t);
  document.removeEventListener("keydown", p.onKey, true);
  p.onEnd?.(true);
}

/** Whether `chart` is playing now. */
export function isPlaying(chart) {
  return playing !== null && (chart === undefined || playing.chart === chart);
}

/**
 * Plays `schedule` for `chart`, stopping any other sound first. `say(text)` is called with
 * what is playing ("Playing Trade, 2016 to 2023, …"). Resolves with `true` if it was
 * stopped early, `false` when it ended.
 */
export async function playSchedule(chart, schedule, say) {
  stopSound();
  const Ctx = audioContextClass();
  if (!Ctx) {
    say("Sound is not available in this browser.");
    return false;
  }
  if (!schedule || !schedule.parts.length) {
    say("Nothing to play: no visible values.");
    return false;
  }
  if (!sharedContext || sharedContext.state === "closed") sharedContext = new Ctx();
  const ctx = sharedContext;
  if (ctx.state === "suspended") await ctx.resume().catch(() => {});
  return new Promise((resolve) => {
    const at = ctx.currentTime + 0.05;
    const sources = scheduleSound(ctx, schedule, at);
    const timers = schedule.parts.map((part) => setTimeout(() => say(`Playing ${part.label}`), part.announce_at * 1000));
    const onKey = (e) => {
      if (e.key === "Escape") stopSound();
    };
    document.addEventListener("keydown", onKey, true);
    const entry = { chart, sources, timers, onKey, onEnd: resolve };
    timers.push(setTimeout(() => {
      if (playing === entry) {
        playing = null;
        document.removeEventListener("keydown", onKey, true);
        resolve(false);
      }
    }, (schedule.duration + 0.15) * 1000));
    playing = entry;
  });
}
