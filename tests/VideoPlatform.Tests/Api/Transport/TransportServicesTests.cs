using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Tests.Api.Transport;

/// <summary>Real Kestrel on loopback: with the large socket buffers a request body arrives in segments far above 4 KiB.</summary>
[Trait("Category", "Integration")]
public sealed class TransportServicesTests
{
    [Theory]
    [InlineData(false, 4096)]
    [InlineData(true, LargeBlockMemoryPoolFactory.BlockSize)]
    public async Task RequestBody_ArrivesInSegmentsOfThePoolsBlocks(bool large, int expectedMax)
    {
        var largest = 0L;
        long total = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (large)
        {
            builder.Services.AddLargeSocketBuffers();
        }

        await using var app = builder.Build();
        app.MapPost("/sink", async (HttpRequest request) =>
        {
            while (true)
            {
                var result = await request.BodyReader.ReadAsync();
                foreach (var segment in result.Buffer)
                {
                    largest = Math.Max(largest, segment.Length);
                }

                total += result.Buffer.Length;
                request.BodyReader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return Results.NoContent();
                }
            }
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        using var http = new HttpClient();
        var body = new byte[16 << 20];
        using var response = await http.PostAsync(new Uri(new Uri(address), "/sink"), new ByteArrayContent(body));

        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(body.Length, total);
        Assert.True(largest <= expectedMax, $"largest segment {largest} > {expectedMax}");
        if (large)
        {
            Assert.True(largest > 4096 * 4, $"largest segment {largest}: the socket still reads 4 KiB at a time");
        }
    }
}
