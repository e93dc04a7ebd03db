using System.Numerics.Tensors;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// A video's related list from its four signals: co-watch (what viewers watched next, normalized to the strongest
/// pair), content (TF-IDF cosine), same owner and popularity. With no co-watch (cold start) content and popularity
/// decide. Only indexed (public, Ready) videos take part, never the video itself. Pure.
/// </summary>
public static class RelatedBlend
{
    public const float CoWatchWeight = 1.0f;
    public const float ContentWeight = 0.6f;
    public const float SameOwnerWeight = 0.1f;
    public const float PopularWeight = 0.15f;

    public static IReadOnlyList<Recommendation> Rank(
        string videoId, IReadOnlyList<(string VideoId, double Weight)> coWatch, ContentCandidates candidates, int count)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new List<string?>();
        int Slot(string id, string? owner)
        {
            if (!index.TryGetValue(id, out var slot))
            {
                slot = index[id] = owners.Count;
                owners.Add(owner);
            }

            return slot;
        }

        var eligible = candidates.Eligible.ToDictionary(e => e.VideoId, e => e.OwnerId, StringComparer.Ordinal);
        var strongest = coWatch.Where(c => eligible.ContainsKey(c.VideoId)).Select(c => c.Weight).DefaultIfEmpty(0).Max();
        var pairs = new List<(int Slot, int Signal, float Value)>();
        if (strongest > 0)
        {
            foreach (var (id, weight) in coWatch.Where(c => eligible.ContainsKey(c.VideoId)))
            {
                pairs.Add((Slot(id, eligible[id]), 0, (float)(weight / strongest)));
            }
        }

        pairs.AddRange(candidates.Similar.Select(s => (Slot(s.VideoId, s.OwnerId), 1, (float)s.Score)));
        pairs.AddRange(candidates.SameOwner.Select(s => (Slot(s.VideoId, s.OwnerId), 2, 1f)));
        pairs.AddRange(candidates.Popular.Select(s => (Slot(s.VideoId, s.OwnerId), 3, (float)s.Score)));

        var signals = new float[4][];
        for (var s = 0; s < signals.Length; s++)
        {
            signals[s] = new float[owners.Count];
        }

        foreach (var (slot, signal, value) in pairs)
        {
            signals[signal][slot] = Math.Max(signals[signal][slot], value);
        }

        var total = new float[owners.Count];
        TensorPrimitives.Multiply(signals[0], CoWatchWeight, total);
        TensorPrimitives.FusedMultiplyAdd(signals[1], ContentWeight, total, total);
        TensorPrimitives.FusedMultiplyAdd(signals[2], SameOwnerWeight, total, total);
        TensorPrimitives.FusedMultiplyAdd(signals[3], PopularWeight, total, total);
        return index
            .Where(e => e.Key != videoId && total[e.Value] > 0)
            .OrderByDescending(e => total[e.Value])
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(e => new Recommendation(e.Key, owners[e.Value], total[e.Value], RecommendationReason.Related))
            .ToList();
    }
}
