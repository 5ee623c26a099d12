using CertManager.Core.Accounts;
using CertManager.Core.Alerts.Channels;
using CertManager.Core.Alerts;
using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Csr;
using CertManager.Core.Details;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Expiry;
using CertManager.Core.Export;
using CertManager.Core.Fleet;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Storage;
using CertManager.Core.Storage.Providers;
using CertManager.Core.Storage.SharedStore;
using CertManager.Core.Tokens;
using CertManager.Core.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Hosting;

/// <summary>Registers the certificate services, storage and accounts for the web console and the CLI alike.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddCertManagerCore(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<CertManagerOptions>().BindConfiguration(CertManagerOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<AccountOptions>().BindConfiguration(AccountOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<EventOptions>().BindConfiguration(EventOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<ExpiryOptions>().BindConfiguration(ExpiryOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<ExpiryOptions>, ExpiryOptionsValidator>();
        services.AddSingleton<IValidateOptions<AlertOptions>, WebhookOptionsValidator>();
        services.AddOptionsWithValidateOnStart<ImportOptions>().BindConfiguration(ImportOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<TrustOptions>().BindConfiguration(TrustOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<InstallOptions>().BindConfiguration(InstallOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<InstallOptions>, InstallOptionsValidator>();
        services.AddSingleton<KeyAlgorithmPolicy>();
        services.AddOptionsWithValidateOnStart<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<FleetOptions>().BindConfiguration(FleetOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateDataAnnotations();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CertManagerOptions>>().Value;
            return new DataDirectory(options.DataDirectory, options.MasterKeyFile);
        });
        services.AddSingleton(sp => KeyProtector.OnFirstUse(sp.GetRequiredService<DataDirectory>()));
        services.AddOptionsWithValidateOnStart<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddSingleton(sp => DatabaseEngines.Create(sp.GetRequiredService<IOptions<DatabaseOptions>>(), sp.GetRequiredService<DataDirectory>()));
        services.AddSingleton<IDbContextFactory<CertManagerDbContext>, EngineDbContextFactory>();

        services.AddSingleton<HostIdentity>();
        services.AddSingleton<SelfSignedCertificateFactory>();
        services.AddSingleton(sp => new Storage.SharedStore.SharedCertificateVersions(sp.GetRequiredService<IDatabaseEngine>()));
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<ServerCertificateProvider>();
        services.AddSingleton<ExpiryClassifier>();
        services.AddSingleton<CertificateDetailsReader>();
        services.AddSingleton<DatabaseChangeCounter>();
        services.AddSingleton<EventSummaryCache>();
        services.AddSingleton<DatabaseReadCache>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<EventPruner>();
        services.AddSingleton<UserAccountService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<OneTimePasswordFile>();
        services.AddSingleton<PendingRequestStore>();
        services.AddSingleton<Alerts.Channels.SavedWebhooks>();
        services.AddSingleton<Alerts.Channels.WebhookChannelStore>();
        services.AddSingleton<ScepTransactionStore>();
        services.AddSingleton<AcmeStore>();
        services.AddSingleton<AcmeDnsUpdateStore>();
        services.AddSingleton<ScepSourceStore>();
        services.AddSingleton<CsrGenerator>();
        services.AddSingleton<FirstAdministratorSeeder>();
        services.AddSingleton<MasterKeyCheck>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<Storage.StoreMigration.StoreMigrator>();

        services.AddSingleton<CertificateImporter>();
        services.AddSingleton(sp => new SharedTrustedRoots(sp.GetRequiredService<IDatabaseEngine>()));
        services.AddSingleton<TrustStore>();
        services.AddSingleton<RootBundleReader>();
        services.AddSingleton<ChainValidator>();
        services.AddSingleton(sp => new Lazy<PendingRequestStore>(sp.GetRequiredService<PendingRequestStore>));
        services.AddSingleton<ChainDoctor>();
        services.AddSingleton<ReloadCommandRunner>();
        services.AddSingleton<CertificateInstaller>();
        services.AddSingleton<CertificateHandoff>();
        services.AddSingleton<BundleExporter>();

        services.AddSingleton<FollowerExpiryCheck>();
        services.AddSingleton<ExpiryChecker>();
        services.AddSingleton<AlertSettingsStore>();
        services.AddSingleton<SmtpAlertSender>();
        services.AddSingleton<IAlertChannel, EmailAlertChannel>();
        services.AddSingleton<IAlertChannel, WebhookAlertChannel>();
        services.AddSingleton<AlertDispatcher>();

        services.AddSingleton<FleetIdentity>();
        services.AddSingleton<PairingService>();
        services.AddSingleton<FollowerRegistry>();
        services.AddSingleton<FleetWriteBatcher>();
        services.AddSingleton<FleetRequestAuthenticator>();
        services.AddSingleton<BundleIssuer>();
        services.AddSingleton<FollowingStore>();
        services.AddSingleton<FollowerPairing>();
        services.AddSingleton<EdgeClient>();
        services.AddSingleton<FollowerEnrollment>();
        services.AddSingleton<FollowerSync>();
        services.AddSingleton<FleetWatch>();
        services.TryAddSingleton<IPresentedCertificateProbe, NoPresentedCertificateProbe>();
        return services;
    }
}
