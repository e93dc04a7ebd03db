using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Storage;

[Trait("Category", "Integration")]
public sealed class S3ObjectStoreContractTests(S3rverFixture s3rver) : ObjectStoreContractTests, IClassFixture<S3rverFixture>
{
    protected override async Task<IObjectStore> CreateStoreAsync() => await s3rver.CreateStoreInNewBucketAsync();
}
