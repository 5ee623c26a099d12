using System.Runtime.Versioning;
using CertManager.Core.Events;
using CertManager.Core.Fleet;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Tests.Fleet;

[UnsupportedOSPlatform("windows")]
public sealed class FleetWriteBatcherTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task WriteAsync_ManyAtOnceOneFailing_OthersCommittedAndOnlyItFails()
    {
        var batcher = _host.Get<FleetWriteBatcher>();
        var writes = Enumerable.Range(0, 30).Select(i => Task.Run(() => batcher.WriteAsync(
            (context, _) =>
            {
                if (i == 7)
                {
                    throw new InvalidOperationException("write 7 is broken");
                }

                context.Events.Add(new EventEntry { Time = DateTimeOffset.UtcNow, Severity = EventSeverity.Info, Source = EventSources.Fleet, Message = $"batched {i}", Actor = "test" });
                return Task.FromResult(i);
            }))).ToList();

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[7]);
        Assert.Equal("write 7 is broken", failed.Message);
        foreach (var write in writes.Where((_, i) => i != 7))
        {
            await write;
        }

        await using var context = await _host.Get<IDbContextFactory<CertManagerDbContext>>().CreateDbContextAsync();
        var messages = await context.Events.Where(e => e.Message.StartsWith("batched ")).Select(e => e.Message).ToListAsync();
        Assert.Equal(29, messages.Count);
        Assert.DoesNotContain("batched 7", messages);
    }
}
