using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CertManager.Benchmarks.Storage;
using CertManager.Core.Expiry;
using CertManager.Core.Fleet;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Benchmarks.Expiry;

/// <summary>
/// The console's expiry check over 10,000 managed certificates on one node: the certificate it presents and 9,999
/// servers behind it (fleet followers), each presenting a certificate of its own whose expiry it reported, spread from
/// 5 days ago to 54 days ahead, so 26 in 60 (about 4,300) are past the warning threshold. Once with their events in
/// place (the hourly check: nothing new to raise), once with every follower event raised anew (the first check after
/// they all changed). Goal: under 2 s.
/// </summary>
[InProcessJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 10, invocationCount: 1)]
public class ExpiryCheckBenchmarks : IDisposable
{
    public const int Followers = 9_999;

    private BenchmarkStore _store = default!;
    private BenchmarkChain _chain = default!;
    private ExpiryChecker _checker = default!;
    private int _nearExpiry;

    [Params(BenchmarkEngine.Sqlite, BenchmarkEngine.PostgreSql)]
    public string Engine { get; set; } = BenchmarkEngine.Sqlite;

    [GlobalSetup]
    public void Setup()
    {
        _store = new BenchmarkStore(Engine);
        _chain = new BenchmarkChain();
        var store = _store.Get<CertificateStore>();
        using (var presented = _chain.IssueServerWithKey())
        {
            store.Activate(store.WriteInstalledVersion(presented, [_chain.Issuer], DateTimeOffset.UtcNow));
        }

        _nearExpiry = SeedFollowers(DateTimeOffset.UtcNow);
        _checker = _store.Get<ExpiryChecker>();
        var first = _checker.CheckAsync().GetAwaiter().GetResult();
        if (first.Followers.Count != _nearExpiry)
        {
            throw new InvalidOperationException($"The check found {first.Followers.Count} followers near expiry, not {_nearExpiry}.");
        }
    }

    [Benchmark(Description = "Expiry check, 10,000 certificates, events in place")]
    public int EventsInPlace()
    {
        var result = _checker.CheckAsync().GetAwaiter().GetResult();
        return result.Raised == 0 ? result.Followers.Count : throw new InvalidOperationException($"{result.Raised} event(s) raised again.");
    }

    [IterationSetup(Target = nameof(EveryEventRaised))]
    public void ResolveFollowerEvents()
    {
        using var context = _store.Get<IDbContextFactory<CertManagerDbContext>>().CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        context.Events.Where(e => e.ConditionKey != null && e.ConditionKey.StartsWith(FollowerExpiryCheck.KeyPrefix) && e.ResolvedAt == null)
            .ExecuteUpdate(set => set.SetProperty(e => e.ResolvedAt, now));
    }

    [Benchmark(Description = "Expiry check, 10,000 certificates, every follower event raised anew")]
    public int EveryEventRaised()
    {
        var result = _checker.CheckAsync().GetAwaiter().GetResult();
        return result.Raised == _nearExpiry ? result.Raised : throw new InvalidOperationException($"{result.Raised} event(s) raised, not {_nearExpiry}.");
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _checker?.Dispose();
        _store?.Dispose();
        _chain?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Followers as the edge keeps them after their reports; returns how many present a certificate near expiry.</summary>
    private int SeedFollowers(DateTimeOffset now)
    {
        using var context = _store.Get<IDbContextFactory<CertManagerDbContext>>().CreateDbContext();
        var near = 0;
        for (var i = 0; i < Followers; i++)
        {
            var days = (i % 60) - 5;
            near += days < 21 ? 1 : 0;
            context.Followers.Add(new FollowerEntry
            {
                Name = $"app{i}",
                SigningKey = RandomNumberGenerator.GetBytes(91),
                EncryptionKey = RandomNumberGenerator.GetBytes(294),
                Paired = now.AddDays(-100),
                PairedBy = "bench",
                LastContact = now,
                PresentedFingerprint = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
                PresentedNotAfter = now.AddDays(days).AddHours(1),
                PresentedSubject = $"CN=app{i}.example.test",
                State = FollowerState.Held,
                Reported = now,
            });
        }

        context.SaveChanges();
        return near;
    }
}
