using CertManager.Core.Renewal;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Core.Tests.Renewal;

public sealed class RenewalScheduleTests
{
    [Fact]
    public void TwoThirds_NinetyDayCertificate_IsDueOnDaySixtyAndNotBefore()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var notBefore = clock.GetUtcNow();

        var decision = RenewalSchedule.TwoThirds(notBefore, notBefore.AddDays(90));

        clock.Advance(TimeSpan.FromDays(59.99));
        Assert.True(clock.GetUtcNow() < decision.DueAt);
        clock.Advance(TimeSpan.FromDays(0.01));
        Assert.True(clock.GetUtcNow() >= decision.DueAt);
        Assert.Equal(notBefore.AddDays(60), decision.DueAt);
        Assert.Contains("two thirds", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InWindow_FractionPicksThePointAndAPastWindowMeansNow()
    {
        var now = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

        var inside = RenewalSchedule.InWindow(now.AddDays(10), now.AddDays(12), 0.5, now);
        var passed = RenewalSchedule.InWindow(now.AddDays(-3), now.AddDays(-1), 0.5, now);

        Assert.Equal(now.AddDays(11), inside.DueAt);
        Assert.Contains("ACME Renewal Information", inside.Reason, StringComparison.Ordinal);
        Assert.Equal(now, passed.DueAt);
    }
}
