using System.Numerics.Tensors;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>The content index's queries: cosine similarity over the postings, the candidates of a related list, the newest videos.</summary>
public sealed partial class ContentIndex
{
    /// <summary>A term held by more than this share of the videos says little about any of them, and would cost a scan.</summary>
    private const double CommonTermShare = 0.2;
    private const int CommonTermFloor = 50;

    /// <summary>The <paramref name="count"/> most similar videos by cosine of their TF-IDF vectors (never the video itself).</summary>
    public IReadOnlyList<ScoredVideo> Similar(string videoId, int count)
    {
        if (!slotOf.TryGetValue(videoId, out var self))
        {
            return [];
        }

        RefreshNormsWhenGrown();
        var doc = slots[self]!;
        var common = Math.Max(CommonTermFloor, (int)(Count * CommonTermShare));
        var touched = new HashSet<int>();
        var query = new float[doc.Terms.Length];
        for (var i = 0; i < doc.Terms.Length; i++)
        {
            var list = postings[doc.Terms[i]];
            var idf = Idf(list.Count);
            query[i] = doc.Tf[i] * idf;
            if (list.Count > common)
            {
                continue;
            }

            foreach (var (slot, tf) in list)
            {
                scores[slot] += query[i] * tf * idf;
                touched.Add(slot);
            }
        }

        touched.Remove(self);
        var queryNorm = TensorPrimitives.Norm(query);
        var best = new PriorityQueue<int, float>();
        foreach (var slot in touched)
        {
            var cosine = norms[slot] > 0 && queryNorm > 0 ? scores[slot] / (norms[slot] * queryNorm) : 0;
            if (best.Count < count)
            {
                best.Enqueue(slot, cosine);
            }
            else if (best.TryPeek(out _, out var weakest) && cosine > weakest)
            {
                best.DequeueEnqueue(slot, cosine);
            }
        }

        foreach (var slot in touched)
        {
            scores[slot] = 0;
        }

        scores[self] = 0;
        var result = new List<ScoredVideo>(best.Count);
        while (best.TryDequeue(out var slot, out var cosine))
        {
            result.Add(new ScoredVideo(slots[slot]!.Id, slots[slot]!.OwnerId, Math.Min(cosine, 1)));
        }

        result.Reverse();
        return result;
    }

    /// <summary>Everything the related list of <paramref name="videoId"/> needs from the index, with the given popular list filtered to indexed videos.</summary>
    public ContentCandidates Candidates(string videoId, IReadOnlyList<string> coWatched, int count, IReadOnlyList<ScoredVideo> popular)
    {
        var owner = OwnerOf(videoId);
        return new ContentCandidates
        {
            Indexed = Contains(videoId),
            OwnerId = owner,
            Similar = Similar(videoId, count),
            SameOwner = owner is null ? [] : Newest(byOwner.GetValueOrDefault(owner) ?? [], count + 1).Where(v => v.VideoId != videoId).Take(count).ToList(),
            Eligible = coWatched.Where(Contains).Select(id => new ScoredVideo(id, OwnerOf(id), 1)).ToList(),
            Popular = popular.Where(p => Contains(p.VideoId) && p.VideoId != videoId).Take(count).ToList(),
        };
    }

    /// <summary>The newest <paramref name="count"/> videos of the index.</summary>
    public IReadOnlyList<ScoredVideo> Fresh(int count) => Newest(slotOf.Keys, count);

    private List<ScoredVideo> Newest(IEnumerable<string> ids, int count)
    {
        var best = new PriorityQueue<Document, (DateTimeOffset, string)>(Comparer<(DateTimeOffset At, string Id)>.Create(
            (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Id, b.Id)));
        foreach (var id in ids)
        {
            var doc = slots[slotOf[id]]!;
            best.Enqueue(doc, (doc.CreatedAt, doc.Id));
            if (best.Count > count)
            {
                best.Dequeue();
            }
        }

        var newest = new List<ScoredVideo>(best.Count);
        while (best.TryDequeue(out var doc, out _))
        {
            newest.Add(new ScoredVideo(doc.Id, doc.OwnerId, 1));
        }

        newest.Reverse();
        return newest;
    }

    private float Idf(int documentFrequency) => MathF.Log((Count + 1f) / (documentFrequency + 1f)) + 1;

    private float Norm(Document doc)
    {
        Span<float> weights = doc.Terms.Length <= 256 ? stackalloc float[doc.Terms.Length] : new float[doc.Terms.Length];
        for (var i = 0; i < doc.Terms.Length; i++)
        {
            weights[i] = doc.Tf[i] * Idf(postings[doc.Terms[i]].Count);
        }

        return TensorPrimitives.Norm(weights);
    }

    /// <summary>
    /// Norms follow the document frequencies, which move as videos come and go: they are computed again when the index
    /// has changed size by a tenth since last time (a bulk load included), not on every upsert.
    /// </summary>
    private void RefreshNormsWhenGrown()
    {
        if (normsAtCount >= 0 && Math.Abs(Count - normsAtCount) <= normsAtCount / 10)
        {
            return;
        }

        foreach (var slot in slotOf.Values)
        {
            norms[slot] = Norm(slots[slot]!);
        }

        normsAtCount = Count;
    }
}
