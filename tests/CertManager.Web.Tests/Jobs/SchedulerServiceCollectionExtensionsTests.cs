using CertManager.Web.Hosting;
using CertManager.Web.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl;

namespace CertManager.Web.Tests.Jobs;

public sealed class SchedulerServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddCertManagerScheduler_Sqlite_KeepsQuartzInMemoryAndUnclustered()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CertManager:Database:Provider"] = "Sqlite" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddCertManagerScheduler(configuration).BuildServiceProvider();

        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var metadata = await scheduler.GetMetadata();

        Assert.Equal(typeof(RAMJobStore).FullName, metadata.JobStoreTypeName.Split(',')[0]);
        Assert.False(metadata.JobStorePersistent);
        Assert.False(metadata.JobStoreClustered);
    }

    [Fact]
    public void AddCertManagerScheduler_CalledByEveryJobExtension_ConfiguresTheSchedulerOnce()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();

        services.AddCertManagerScheduler(configuration).AddCertManagerScheduler(configuration).AddCertManagerScheduler(configuration);

        Assert.Single(services, s => s.ServiceType == typeof(IHostedService));
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData("00:00:42", 42)]
    [InlineData("00:00:00", 0)]
    public async Task EveryJobsTrigger_JobsStartDelay_FirstFiresThatLongAfterTheSchedulerIsBuilt(string? setting, int seconds)
    {
        var settings = setting is null ? [] : new Dictionary<string, string?> { ["CertManager:Jobs:StartDelay"] = setting };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var before = DateTimeOffset.UtcNow;
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddCertManagerScepPolling(configuration)
            .AddCertManagerRenewal(configuration)
            .AddCertManagerJobs(configuration)
            .BuildServiceProvider();

        // Building the scheduler builds the triggers.
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var after = DateTimeOffset.UtcNow;
        var triggers = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup());

        Assert.Equal(6, triggers.Count);
        foreach (var key in triggers)
        {
            var trigger = await scheduler.GetTrigger(key);
            Assert.InRange(trigger!.StartTimeUtc, before.AddSeconds(seconds), after.AddSeconds(seconds));
        }
    }

    [Theory]
    [InlineData("00:10:01")]
    [InlineData("-00:00:01")]
    public void AddCertManagerScheduler_JobsStartDelayOutOfRange_IsRefusedNamingTheKeyAndTheRange(string setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CertManager:Jobs:StartDelay"] = setting }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCertManagerScheduler(configuration).BuildServiceProvider();

        var refusal = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<JobStartOptions>>().Value);

        Assert.Contains("CertManager:Jobs:StartDelay must be from 00:00:00 to 00:10:00", refusal.Message, StringComparison.Ordinal);
    }
}
