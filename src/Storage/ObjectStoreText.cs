using System.Text;

namespace VideoPlatform.Storage;

/// <summary>Small text objects (playlists, manifests) in and out of a store, UTF-8, typed from their key.</summary>
public static class ObjectStoreText
{
    /// <returns>The object's text, or null when there is no such object.</returns>
    public static async Task<string?> GetTextAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        await using var content = await store.GetAsync(key, cancellationToken: cancellationToken);
        if (content is null)
        {
            return null;
        }

        using var reader = new StreamReader(content.Stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    public static async Task PutTextAsync(this IObjectStore store, string key, string text, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.PutAsync(key, stream, MediaContentTypes.For(key), cancellationToken);
    }
}
