using System.Text;
using System.Xml.Linq;
using CertManager.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CertManager.Web.Hosting;

/// <summary>
/// Keeps the keys that protect sign-in cookies and antiforgery tokens in the data directory, encrypted with the
/// same master key as the certificates' private keys, so sessions survive restarts and the keys are never in clear on disk.
/// </summary>
public static class DataProtectionHostingExtensions
{
    public static IServiceCollection AddCertManagerDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("CertManager");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DataDirectory, KeyProtector, ILoggerFactory>((options, directory, protector, loggerFactory) =>
            {
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory.DataProtectionDirectory), loggerFactory);
                options.XmlEncryptor = new MasterKeyXmlEncryptor(protector);
            });
        return services;
    }

    private const string Purpose = "data-protection-key-ring";

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
                ?? throw new InvalidDataException("A data-protection key in the data directory is damaged: it has no encrypted value.");
            return XElement.Parse(Encoding.UTF8.GetString(protector.Unprotect(Convert.FromBase64String(value), Purpose)));
        }
    }
}
