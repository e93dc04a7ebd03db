using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Search;
using VideoPlatform.Api.Videos;

namespace VideoPlatform.Api.Search;

/// <summary>The query string of <c>GET /api/search</c> → a <see cref="SearchQuery"/>, or the first problem as (code, detail).</summary>
public static class SearchRequest
{
    public const int MaxQuery = 200;
    public const int MaxTagFilters = 10;

    public static (SearchQuery? Query, (string Code, string Detail)? Problem) Parse(
        string? q, string[]? tags, string? owner, string? duration, string? uploaded, string? sort, string? cursor, int? limit, DateTimeOffset now)
    {
        if (q is { Length: > MaxQuery })
        {
            return (null, ("query_too_long", $"q is longer than {MaxQuery} characters"));
        }

        var tagList = (tags ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        if (tagList.Count > MaxTagFilters || tagList.Any(t => t.Length > VideoRequestValidation.MaxTag))
        {
            return (null, ("invalid_tags", $"at most {MaxTagFilters} tags of at most {VideoRequestValidation.MaxTag} characters"));
        }

        if (owner is not null && !PlatformIds.IsWellFormed(owner))
        {
            return (null, ("invalid_owner", "owner must be a user id"));
        }

        SearchDuration? length = duration switch
        {
            null => null,
            "short" => SearchDuration.Short,
            "medium" => SearchDuration.Medium,
            "long" => SearchDuration.Long,
            _ => (SearchDuration)(-1),
        };
        if (length is (SearchDuration)(-1))
        {
            return (null, ("invalid_duration", "duration must be short, medium or long"));
        }

        TimeSpan? window = uploaded switch
        {
            null => null,
            "day" => TimeSpan.FromDays(1),
            "week" => TimeSpan.FromDays(7),
            "month" => TimeSpan.FromDays(30),
            "year" => TimeSpan.FromDays(365),
            _ => TimeSpan.MinValue,
        };
        if (window == TimeSpan.MinValue)
        {
            return (null, ("invalid_uploaded", "uploaded must be day, week, month or year"));
        }

        SearchSort order;
        switch (sort)
        {
            case null or "relevance":
                // Without words every match scores the same: newest first reads better than id order.
                order = SearchText.Words(q).Count == 0 ? SearchSort.Newest : SearchSort.Relevance;
                break;
            case "newest":
                order = SearchSort.Newest;
                break;
            case "views":
                order = SearchSort.Views;
                break;
            default:
                return (null, ("invalid_sort", "sort must be relevance, newest or views"));
        }

        if (limit is < 1 or > SearchQuery.MaxLimit)
        {
            return (null, ("invalid_limit", $"limit must be between 1 and {SearchQuery.MaxLimit}"));
        }

        SearchCursor? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = SearchCursor.TryDecode(cursor, order)) is null)
        {
            return (null, ("invalid_cursor", "cursor is not one this search returned"));
        }

        return (new SearchQuery
        {
            Text = q ?? "",
            Tags = tagList,
            OwnerId = owner,
            Duration = length,
            PublishedAfter = window is { } w ? now - w : null,
            Sort = order,
            After = after,
            Limit = limit ?? 20,
        }, null);
    }
}
