using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace VideoPlatform.Infrastructure.Storage.S3;

/// <summary>Where the bucket is. <see cref="ServiceUrl"/> null means AWS itself; anything else (MinIO, s3rver) is a custom endpoint.</summary>
public sealed record S3ObjectStoreSettings(string Bucket)
{
    public string? ServiceUrl { get; init; }
    public string Region { get; init; } = "us-east-1";
    /// <summary>Null: the SDK's default credential chain (environment, profile, instance role).</summary>
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public bool ForcePathStyle { get; init; } = true;

    public IAmazonS3 CreateClient()
    {
        var config = new AmazonS3Config { ForcePathStyle = ForcePathStyle };
        if (string.IsNullOrEmpty(ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
        else
        {
            config.ServiceURL = ServiceUrl;
            config.AuthenticationRegion = Region;
            // Flexible checksums default to trailers on aws-chunked bodies, which S3 look-alikes store verbatim or refuse.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return AccessKey is null
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), config);
    }
}
