using VideoPlatform.Grains.Recommendations;

namespace VideoPlatform.Tests.Grains.Recommendations;

/// <summary>
/// A synthetic catalog with planted topics and viewing sessions, deterministic for a seed. Each topic has its own
/// words, a few owners and videos whose titles, tags and descriptions mix topic words with general ones; popularity
/// is Zipf-distributed. A session stays in one topic with probability <see cref="StayInTopic"/> and otherwise
/// jumps to any video by global popularity.
/// </summary>
public sealed class RelatedWorkload
{
    public const double StayInTopic = 0.8;

    public int Topics { get; }
    public IReadOnlyList<ContentDocument> Videos { get; }
    public IReadOnlyList<int> TopicOf { get; }
    public IReadOnlyList<IReadOnlyList<string>> Training { get; }
    public IReadOnlyList<IReadOnlyList<string>> Test { get; }

    public RelatedWorkload(int seed, int topics = 20, int perTopic = 40, int trainingSessions = 4_000, int testSessions = 1_000)
    {
        var random = new Random(seed);
        Topics = topics;
        var videos = new List<ContentDocument>();
        var topicOf = new List<int>();
        var generalWords = Enumerable.Range(0, 300).Select(i => $"general{i}").ToArray();
        for (var t = 0; t < topics; t++)
        {
            var words = Enumerable.Range(0, 30).Select(i => $"topic{t}word{i}").ToArray();
            for (var v = 0; v < perTopic; v++)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                void Add(string word, int weight) => counts[word] = counts.GetValueOrDefault(word) + weight;
                // Some videos are described in general words only: content alone cannot place them.
                var topical = random.NextDouble() < 0.85;
                for (var i = 0; i < 2; i++)
                {
                    Add(topical ? words[random.Next(words.Length)] : generalWords[random.Next(generalWords.Length)], 2);
                    Add(generalWords[random.Next(generalWords.Length)], 2);
                }

                Add(words[random.Next(words.Length)], 3);
                for (var i = 0; i < 10; i++)
                {
                    Add(random.NextDouble() < 0.4 ? words[random.Next(words.Length)] : generalWords[random.Next(generalWords.Length)], 1);
                }

                videos.Add(new ContentDocument
                {
                    VideoId = $"t{t}v{v}",
                    OwnerId = $"t{t}o{random.Next(5)}",
                    Terms = counts.Keys.ToArray(),
                    Counts = counts.Values.ToArray(),
                    CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(videos.Count),
                    Version = 1,
                });
                topicOf.Add(t);
            }
        }

        Videos = videos;
        TopicOf = topicOf;
        var popularity = videos.Select((_, i) => 1.0 / (1 + i)).OrderBy(_ => random.Next()).ToArray();
        var byTopic = Enumerable.Range(0, topics).Select(t => Enumerable.Range(0, videos.Count).Where(i => topicOf[i] == t).ToArray()).ToArray();
        var all = Enumerable.Range(0, videos.Count).ToArray();

        int Pick(int[] among)
        {
            var total = among.Sum(i => popularity[i]);
            var x = random.NextDouble() * total;
            foreach (var i in among)
            {
                x -= popularity[i];
                if (x <= 0)
                {
                    return i;
                }
            }

            return among[^1];
        }

        IReadOnlyList<string> Session()
        {
            var topic = random.Next(topics);
            var watched = new List<string>();
            var length = random.Next(2, 6);
            while (watched.Count < length)
            {
                var id = videos[Pick(random.NextDouble() < StayInTopic ? byTopic[topic] : all)].VideoId;
                if (!watched.Contains(id))
                {
                    watched.Add(id);
                }
            }

            return watched;
        }

        Training = Enumerable.Range(0, trainingSessions).Select(_ => Session()).ToList();
        Test = Enumerable.Range(0, testSessions).Select(_ => Session()).ToList();
    }
}
