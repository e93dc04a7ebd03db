using System.Numerics.Tensors;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// TF-IDF vectors of the public Ready videos in an inverted index (term → the videos holding it), bounded in
/// documents and vocabulary. Cosine similarity: each query term adds its weight times the candidate's to a score row
/// (sparse dot products over the postings), divided by both vectors' norms (TensorPrimitives). pgvector would do
/// the same in the database, but the PostgreSQL this runs on does not have it. Pure; not thread-safe.
/// </summary>
public sealed class ContentIndex(int maxVocabulary, int maxDocuments)
{
    /// <summary>A term held by more than this share of the videos says little about any of them, and would cost a scan.</summary>
    private const double CommonTermShare = 0.2;
    private const int CommonTermFloor = 50;

    private sealed class Document(string id, string? ownerId, DateTimeOffset createdAt, long version, int[] terms, float[] tf)
    {
        public string Id { get; } = id;
        public string? OwnerId { get; } = ownerId;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public long Version { get; } = version;
        public int[] Terms { get; } = terms;
        public float[] Tf { get; } = tf;
    }

    private readonly Dictionary<string, int> slotOf = new(StringComparer.Ordinal);
    private readonly List<Document?> slots = [];
    private readonly Stack<int> freeSlots = new();
    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<Dictionary<int, float>> postings = [];
    private readonly Stack<int> freeTerms = new();
    private readonly Dictionary<string, HashSet<string>> byOwner = new(StringComparer.Ordinal);
    private float[] norms = [];
    private float[] scores = [];
    private int normsAtCount = -1;

    public int Count => slotOf.Count;

    public int VocabularySize => termIds.Count - freeTerms.Count;

    public bool Contains(string videoId) => slotOf.ContainsKey(videoId);

    public string? OwnerOf(string videoId) => slotOf.TryGetValue(videoId, out var slot) ? slots[slot]!.OwnerId : null;

    /// <summary>Adds or replaces a document (an older version than the one held is ignored).</summary>
    public void Upsert(ContentDocument document)
    {
        if (slotOf.TryGetValue(document.VideoId, out var existing))
        {
            if (slots[existing]!.Version > document.Version)
            {
                return;
            }

            Remove(document.VideoId);
        }

        if (Count >= maxDocuments)
        {
            // The oldest tenth leaves at once, so a full index does not scan on every upsert.
            foreach (var old in slotOf.Keys.OrderBy(id => slots[slotOf[id]]!.CreatedAt).Take(Math.Max(maxDocuments / 10, 1)).ToList())
            {
                Remove(old);
            }
        }

        var terms = new List<int>();
        var tf = new List<float>();
        for (var i = 0; i < document.Terms.Count && i < document.Counts.Count; i++)
        {
            if (document.Counts[i] > 0 && TermId(document.Terms[i]) is { } term)
            {
                terms.Add(term);
                tf.Add(1 + MathF.Log(document.Counts[i]));
            }
        }

        var slot = freeSlots.Count > 0 ? freeSlots.Pop() : NewSlot();
        var doc = new Document(document.VideoId, document.OwnerId, document.CreatedAt, document.Version, [.. terms], [.. tf]);
        slots[slot] = doc;
        slotOf[doc.Id] = slot;
        for (var i = 0; i < doc.Terms.Length; i++)
        {
            postings[doc.Terms[i]][slot] = doc.Tf[i];
        }

        if (doc.OwnerId is { } owner)
        {
            (byOwner.TryGetValue(owner, out var set) ? set : byOwner[owner] = new HashSet<string>(StringComparer.Ordinal)).Add(doc.Id);
        }

        norms[slot] = Norm(doc);
    }

    public bool Remove(string videoId)
    {
        if (!slotOf.Remove(videoId, out var slot))
        {
            return false;
        }

        var doc = slots[slot]!;
        foreach (var term in doc.Terms)
        {
            postings[term].Remove(slot);
            if (postings[term].Count == 0)
            {
                termIds.Remove(termNames[term]);
                freeTerms.Push(term);
            }
        }

        if (doc.OwnerId is { } owner && byOwner.TryGetValue(owner, out var set) && set.Remove(videoId) && set.Count == 0)
        {
            byOwner.Remove(owner);
        }

        slots[slot] = null;
        norms[slot] = 0;
        freeSlots.Push(slot);
        return true;
    }

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

    private readonly List<string> termNames = [];

    private int? TermId(string term)
    {
        if (termIds.TryGetValue(term, out var id))
        {
            return id;
        }

        if (freeTerms.Count > 0)
        {
            id = freeTerms.Pop();
            termNames[id] = term;
        }
        else if (termNames.Count < maxVocabulary)
        {
            id = termNames.Count;
            termNames.Add(term);
            postings.Add([]);
        }
        else
        {
            return null;
        }

        termIds[term] = id;
        return id;
    }

    private int NewSlot()
    {
        slots.Add(null);
        if (slots.Count > norms.Length)
        {
            Array.Resize(ref norms, Math.Max(slots.Count * 2, 64));
            Array.Resize(ref scores, norms.Length);
        }

        return slots.Count - 1;
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
