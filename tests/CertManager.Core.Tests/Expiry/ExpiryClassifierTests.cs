using System.Globalization;
using CertManager.Core.Expiry;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Core.Tests.Expiry;

public sealed class ExpiryClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("400.00:00:00", ExpiryLevel.Ok)]
    [InlineData("21.00:00:00", ExpiryLevel.Ok)]
    [InlineData("20.23:59:59", ExpiryLevel.Warning)]
    [InlineData("7.00:00:01", ExpiryLevel.Warning)]
    [InlineData("7.00:00:00", ExpiryLevel.Warning)]
    [InlineData("6.23:59:59", ExpiryLevel.Minor)]
    [InlineData("12:00:00", ExpiryLevel.Minor)]
    [InlineData("00:00:01", ExpiryLevel.Minor)]
    [InlineData("00:00:00", ExpiryLevel.Major)]
    [InlineData("-00:00:01", ExpiryLevel.Major)]
    [InlineData("-30.00:00:00", ExpiryLevel.Major)]
    public void Classify_TimeLeftWithDefaultThresholds_Level(string timeLeft, ExpiryLevel expected)
    {
        var classifier = new ExpiryClassifier(Options.Create(new ExpiryOptions()), new FakeTimeProvider(Now));

        var level = classifier.Classify(Now + TimeSpan.Parse(timeLeft, CultureInfo.InvariantCulture));

        Assert.Equal(expected, level);
    }

    [Fact]
    public void Classify_ClockAdvancesPastThresholds_FollowsTheTimeProvider()
    {
        var time = new FakeTimeProvider(Now);
        var classifier = new ExpiryClassifier(Options.Create(new ExpiryOptions()), time);
        var notAfter = Now.AddDays(30);

        var levels = new List<ExpiryLevel> { classifier.Classify(notAfter) };
        foreach (var step in new[] { 10, 15, 5 })
        {
            time.Advance(TimeSpan.FromDays(step));
            levels.Add(classifier.Classify(notAfter));
        }

        Assert.Equal([ExpiryLevel.Ok, ExpiryLevel.Warning, ExpiryLevel.Minor, ExpiryLevel.Major], levels);
    }

    [Theory]
    [InlineData(30, ExpiryLevel.Warning)]
    [InlineData(10, ExpiryLevel.Minor)]
    [InlineData(50, ExpiryLevel.Ok)]
    public void Classify_ConfiguredThresholds_UsesThem(int daysLeft, ExpiryLevel expected)
    {
        var options = new ExpiryOptions { WarningBefore = TimeSpan.FromDays(45), MinorBefore = TimeSpan.FromDays(14) };
        var classifier = new ExpiryClassifier(Options.Create(options), new FakeTimeProvider(Now));

        Assert.Equal(expected, classifier.Classify(Now.AddDays(daysLeft), Now));
    }
}
