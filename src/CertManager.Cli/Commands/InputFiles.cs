using CertManager.Core.Import;
using CertManager.Core.Results;

namespace CertManager.Cli.Commands;

/// <summary>Reads the files named on the command line into the importer's inputs, each in the upload form's slot it stands for.</summary>
internal static class InputFiles
{
    /// <summary>The inputs in the order given; a file that cannot be read at all is a problem (exit 2), its content is the importer's business.</summary>
    public static Result<IReadOnlyList<ImportInput>> Read(IEnumerable<(string Path, ImportSlot Slot)> files)
    {
        var inputs = new List<ImportInput>();
        var problems = new List<Problem>();
        foreach (var (path, slot) in files)
        {
            try
            {
                inputs.Add(new ImportInput(path, File.ReadAllBytes(path), slot));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                problems.Add(CliErrors.InputUnreadable(path, exception.Message));
            }
        }

        return problems.Count > 0 ? Result<IReadOnlyList<ImportInput>>.Failure(problems) : Result<IReadOnlyList<ImportInput>>.Success(inputs);
    }
}
