namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// TF-IDF vectors of the public Ready videos in an inverted index (term → the videos holding it), bounded in
/// documents and vocabulary. Cosine similarity: each query term adds its weight times the candidate's to a score row
/// (sparse dot products over the postings), divided by both vectors' norms (TensorPrimitives). pgvector would do
/// the same in the database, but the PostgreSQL this runs on does not have it. Pure; not thread-safe.
/// </summary>
public sealed partial class ContentIndex(int maxVocabulary, int maxDocuments)
{
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
}
