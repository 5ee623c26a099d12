using CertManager.Web.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
}
