using System.Security.Cryptography;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

public sealed partial class FileSystemObjectStore
{
    public async Task<string> InitiateMultipartAsync(string key, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        var uploadId = Guid.NewGuid().ToString("N");
        var upload = new FileSystemUpload(key, contentType ?? FileSystemMetadata.DefaultContentType);
        await FileSystemUpload.CreateAsync(_layout.UploadFolder(uploadId)!, upload, cancellationToken);
        return uploadId;
    }

    public async Task<MultipartPart> PutPartAsync(
        string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        MultipartLimits.CheckPartNumber(partNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var folder = _layout.UploadFolder(uploadId);
        await FileSystemUpload.OpenAsync(folder, key, uploadId, cancellationToken);

        var target = FileSystemUpload.PartPath(folder!, partNumber);
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = CreateStagingFile(temp))
            {
                await HashingCopy.CopyAsync(content, file, length, [hash], cancellationToken);
            }

            // A part uploaded again replaces the earlier one, as on S3.
            File.Move(temp, target, overwrite: true);
            return new MultipartPart(partNumber, HashingCopy.ETagOf(hash), length);
        }
        catch (DirectoryNotFoundException)
        {
            throw new MultipartUploadNotFoundException(key, uploadId); // aborted while the part was streaming
        }
        finally
        {
            FileSystemFolders.DeleteQuietly(temp);
        }
    }

    public async Task<ObjectInfo> CompleteMultipartAsync(
        string key, string uploadId, IReadOnlyList<MultipartPart> parts, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        var folder = _layout.UploadFolder(uploadId);
        var upload = await FileSystemUpload.OpenAsync(folder, key, uploadId, cancellationToken);
        MultipartLimits.CheckOrder(key, parts);

        var temp = _layout.NewStagingFile();
        try
        {
            using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var single = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var output = CreateStagingFile(temp))
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    await AppendPartAsync(key, folder!, parts[i], isLast: i == parts.Count - 1, output, whole, single, cancellationToken);
                }
            }

            var info = await PublishAsync(key, temp, HashingCopy.ETagOf(whole), upload.ContentType, cancellationToken);
            Directory.Delete(folder!, recursive: true);
            return info;
        }
        finally
        {
            FileSystemFolders.DeleteQuietly(temp);
        }
    }

    public Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        if (_layout.UploadFolder(uploadId) is { } folder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static async Task AppendPartAsync(
        string key, string folder, MultipartPart part, bool isLast, Stream output, IncrementalHash whole, IncrementalHash single,
        CancellationToken cancellationToken)
    {
        FileStream input;
        try
        {
            input = new FileStream(FileSystemUpload.PartPath(folder, part.PartNumber), FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidMultipartException(key, $"part {part.PartNumber} was never uploaded");
        }

        await using (input)
        {
            if (!isLast && input.Length < MultipartLimits.MinimumPartSize)
            {
                throw new InvalidMultipartException(key, $"part {part.PartNumber} is smaller than {MultipartLimits.MinimumPartSize} bytes");
            }

            await HashingCopy.CopyAsync(input, output, null, [whole, single], cancellationToken);
        }

        if (HashingCopy.ETagOf(single) != part.ETag.Trim('"'))
        {
            throw new InvalidMultipartException(key, $"part {part.PartNumber} does not match its ETag");
        }
    }
}
