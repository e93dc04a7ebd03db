using VideoPlatform.Api.Contracts;

namespace VideoPlatform.Api.Videos;

/// <summary>Field rules for video metadata; returns the first problem as (code, detail), or null.</summary>
public static class VideoRequestValidation
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 5000;
    public const int MaxTags = 20;
    public const int MaxTag = 40;

    public static (string Code, string Detail)? Validate(CreateVideoRequest request) =>
        string.IsNullOrWhiteSpace(request.Title)
            ? ("invalid_title", "title is required")
            : Check(request.Title, request.Description, request.Tags);

    public static (string Code, string Detail)? Validate(UpdateVideoRequest request) =>
        request.Title is not null && string.IsNullOrWhiteSpace(request.Title)
            ? ("invalid_title", "title must not be empty")
            : Check(request.Title, request.Description, request.Tags);

    private static (string Code, string Detail)? Check(string? title, string? description, IReadOnlyList<string>? tags)
    {
        if (title is { Length: > MaxTitle })
        {
            return ("invalid_title", $"title is longer than {MaxTitle} characters");
        }

        if (description is { Length: > MaxDescription })
        {
            return ("invalid_description", $"description is longer than {MaxDescription} characters");
        }

        if (tags is null)
        {
            return null;
        }

        if (tags.Count > MaxTags)
        {
            return ("invalid_tags", $"at most {MaxTags} tags");
        }

        return tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > MaxTag)
            ? ("invalid_tags", $"tags must be non-empty and at most {MaxTag} characters")
            : null;
    }

    public static IReadOnlyList<string> NormalizeTags(IReadOnlyList<string>? tags) =>
        tags?.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
}
