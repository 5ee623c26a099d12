using CertManager.Core.Storage.Providers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;

namespace CertManager.Web.Jobs;

/// <summary>
/// The one place that says where Quartz keeps its jobs. Every extension method that adds jobs calls this first;
/// AddQuartz may be called many times, this configuration is applied once. With SQLite the scheduler stays in memory,
/// as on a single console. With PostgreSQL it is Quartz.NET's clustered ADO.NET job store on the console's own
/// database (tables from <c>DatabaseInitializer</c>): every node competes for each firing under a database lock, so
/// a firing runs on exactly one node, and a node that stops checking in has its running jobs re-run and its triggers
/// fired by another (docs/operations.md, "Running several nodes").
/// </summary>
public static class SchedulerServiceCollectionExtensions
{
    /// <summary>The scheduler's name in the job-store tables: the same on every node, so that they form one cluster.</summary>
    public const string SchedulerName = "CertManager";

    public static IServiceCollection AddCertManagerScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(s => s.ServiceType == typeof(SchedulerConfigured)))
        {
            return services;
        }

        services.AddSingleton<SchedulerConfigured>();
        services.AddOptionsWithValidateOnStart<SchedulerOptions>().BindConfiguration(SchedulerOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        // Read as text: a misspelt provider is reported by the database options' own check at start, not here.
        var clustered = Enum.TryParse<DatabaseProvider>(configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"], ignoreCase: true, out var provider)
            && provider == DatabaseProvider.PostgreSql;
        services.AddQuartz(quartz =>
        {
            quartz.AddJobListener<JobRunLog>([]);
            if (clustered)
            {
                UseClusteredStore(quartz, Read(configuration));
            }
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddOptionsWithValidateOnStart<JobStartOptions>().BindConfiguration(JobStartOptions.SectionName).ValidateDataAnnotations();
        return services;
    }

    private static void UseClusteredStore(IQuartzBuilder quartz, SchedulerOptions options)
    {
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = SchedulerName;
            if (options.InstanceId != SchedulerOptions.AutoInstanceId)
            {
                scheduler.InstanceId = options.InstanceId;
            }
        });
        quartz.UsePersistentStore(store =>
        {
            // The connection string is resolved when the scheduler starts, after DatabaseOptions were validated,
            // from the same setting (or file) as the console's own connections; it is never copied into Quartz's settings.
            store.UseConnectionProvider(services => new DbProvider("Npgsql", services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolveConnectionString()!));
            store.UseDriverDelegate<PostgreSQLDelegate>();
            store.UseClustering(clustering =>
            {
                clustering.CheckinInterval = options.CheckinInterval;
                clustering.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
            });
            store.ConfigureStore(jobStore =>
            {
                jobStore.TablePrefix = Core.Storage.JobStore.JobStoreTables.Prefix;
                jobStore.MisfireThreshold = options.MisfireThreshold;
                // The console creates the tables itself, under its own lock; Quartz only checks that they are there.
                jobStore.SchemaProvisioning = SchemaProvisioning.Validate;
            });
        });
    }

    /// <summary>
    /// The triggers are built at registration, before the options system exists. Values the validator refuses are
    /// replaced by the defaults here; the validator then stops the start with its message before Quartz runs.
    /// </summary>
    private static SchedulerOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(SchedulerOptions.SectionName).Get<SchedulerOptions>() ?? new SchedulerOptions();
        return new SchedulerOptionsValidator().Validate(null, options).Succeeded ? options : new SchedulerOptions();
    }

    /// <summary>Marks the collection as configured, so that the store is set up once whichever job extension runs first.</summary>
    private sealed class SchedulerConfigured;
}
