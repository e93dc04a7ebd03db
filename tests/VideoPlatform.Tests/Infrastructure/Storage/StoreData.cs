using System.Security.Cryptography;
using VideoPlatform.Storage;

namespace VideoPlatform.Tests.Infrastructure.Storage;

internal static class StoreData
{
    public const int MiB = 1024 * 1024;

    public static byte[] Random(int length) => RandomNumberGenerator.GetBytes(length);

    public static async Task<byte[]> ReadAllAsync(ObjectContent content)
    {
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.Stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    public static async Task<List<ObjectInfo>> ListAsync(IObjectStore store, string prefix)
    {
        var items = new List<ObjectInfo>();
        await foreach (var item in store.ListAsync(prefix))
        {
            items.Add(item);
        }

        return items;
    }

    public static Task<ObjectInfo> PutAsync(IObjectStore store, string key, byte[] data, string? contentType = null) =>
        store.PutAsync(key, new MemoryStream(data), contentType);
}
