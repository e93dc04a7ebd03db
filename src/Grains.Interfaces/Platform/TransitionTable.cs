using System.Collections;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Platform;

/// <summary>
/// A lifecycle as (from, trigger) → to rows, written as a collection initializer so that each table reads in one
/// screen. A pair without a row is refused with <see cref="IllegalTransitionException"/> (HTTP 409).
/// </summary>
public sealed class TransitionTable<TState, TTrigger>(string lifecycle) : IEnumerable<(TState From, TTrigger Trigger, TState To)>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Dictionary<(TState, TTrigger), TState> rows = [];

    /// <summary>What the table is about ("video", "upload"…), for error messages.</summary>
    public string Lifecycle => lifecycle;

    /// <summary>Every allowed (from, trigger, to), for documentation and tests.</summary>
    public IEnumerable<(TState From, TTrigger Trigger, TState To)> All => rows.Select(r => (r.Key.Item1, r.Key.Item2, r.Value));

    public void Add(TState from, TTrigger trigger, TState to) => rows.Add((from, trigger), to);

    public bool CanFire(TState from, TTrigger trigger) => rows.ContainsKey((from, trigger));

    /// <summary>The state after <paramref name="trigger"/>; throws <see cref="IllegalTransitionException"/> when not allowed.</summary>
    public TState Fire(TState from, TTrigger trigger) =>
        rows.TryGetValue((from, trigger), out var to) ? to : throw new IllegalTransitionException(lifecycle, from.ToString(), trigger.ToString());

    public IEnumerator<(TState From, TTrigger Trigger, TState To)> GetEnumerator() => All.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
