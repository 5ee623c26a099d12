using System.Text;
using System.Xml.Linq;
using CertManager.Core.Storage;
using CertManager.Core.Storage.Providers;
using CertManager.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Web.Hosting;

/// <summary>
/// Keeps the keys that protect sign-in cookies and antiforgery tokens in the data directory, encrypted with the
/// same master key as the certificates' private keys, so sessions survive restarts and the keys are never in clear on disk.
/// On a shared PostgreSQL store the key ring is a table instead (EF Core's data-protection repository), still encrypted
/// with the master key, so a cookie issued by one node is accepted by every other.
/// </summary>
public static class DataProtectionHostingExtensions
{
    public static IServiceCollection AddCertManagerDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("CertManager");
        AntiforgeryCachingProtectionProvider.Register(services);
        // EF Core's repository opens a scope and asks it for the context.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CertManagerDbContext>>().CreateDbContext());
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider, DataDirectory, KeyProtector, ILoggerFactory>((options, provider, directory, protector, loggerFactory) =>
            {
                options.XmlRepository = provider.GetRequiredService<IDatabaseEngine>().Provider == DatabaseProvider.PostgreSql
                    ? new EntityFrameworkCoreXmlRepository<CertManagerDbContext>(provider, loggerFactory)
                    : new FileSystemXmlRepository(new DirectoryInfo(directory.DataProtectionDirectory), loggerFactory);
                options.XmlEncryptor = new MasterKeyXmlEncryptor(protector);
            });
        return services;
    }

    private const string Purpose = KeyProtector.DataProtectionPurpose;

    private sealed class MasterKeyXmlEncryptor(KeyProtector protector) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var element = new XElement("encryptedKey",
                new XComment(" Encrypted with the CertManager master key (AES-256-GCM) "),
                new XElement("value", Convert.ToBase64String(protector.Protect(plaintext, Purpose))));
            return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
        }
    }

    /// <summary>Created by the data-protection system through its service-provider constructor.</summary>
    internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            var protector = services.GetRequiredService<KeyProtector>();
            var value = encryptedElement.Element("value")?.Value
                ?? throw new InvalidDataException("A stored data-protection key is damaged: it has no encrypted value.");
            return XElement.Parse(Encoding.UTF8.GetString(protector.Unprotect(Convert.FromBase64String(value), Purpose)));
        }
    }
}
