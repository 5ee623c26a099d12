using CertManager.Web.Jobs;

namespace CertManager.Web.Tests.Jobs;

public sealed class SchedulerOptionsValidatorTests
{
    private readonly SchedulerOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(_validator.Validate(null, new SchedulerOptions()).Succeeded);

    [Fact]
    public void Validate_NamedNode_Succeeds() => Assert.True(_validator.Validate(null, new SchedulerOptions { InstanceId = "console-2.example.test" }).Succeeded);

    [Theory]
    [InlineData("")]
    [InlineData("node a")]
    [InlineData("node/a")]
    public void Validate_UnusableInstanceId_NamesTheKeyAndAuto(string instanceId)
    {
        var result = _validator.Validate(null, new SchedulerOptions { InstanceId = instanceId });

        Assert.True(result.Failed);
        Assert.Contains("CertManager:Scheduler:InstanceId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("AUTO", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5, 30, "CheckinInterval")]
    [InlineData(5, 0, 30, "CheckinMisfireThreshold")]
    [InlineData(5, 600, 30, "CheckinMisfireThreshold")]
    [InlineData(5, 5, 0, "MisfireThreshold")]
    public void Validate_IntervalOutOfRange_NamesTheKey(int checkinSeconds, int thresholdSeconds, int misfireSeconds, string key)
    {
        var result = _validator.Validate(null, new SchedulerOptions
        {
            CheckinInterval = TimeSpan.FromSeconds(checkinSeconds),
            CheckinMisfireThreshold = TimeSpan.FromSeconds(thresholdSeconds),
            MisfireThreshold = TimeSpan.FromSeconds(misfireSeconds),
        });

        Assert.True(result.Failed);
        Assert.Contains($"CertManager:Scheduler:{key} ", result.FailureMessage, StringComparison.Ordinal);
    }
}
