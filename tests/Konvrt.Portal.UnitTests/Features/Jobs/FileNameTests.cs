using Konvrt.Portal.Features.Jobs;

namespace Konvrt.Portal.UnitTests.Features.Jobs;

public sealed class FileNameTests
{
    [Theory]
    [InlineData("invoice\u202Egpj.exe", "invoicegpj.exe")]
    [InlineData("\u202Aleft\u202B\u202C\u202D\u202E.png", "left.png")]
    [InlineData("\u2066isolate\u2067\u2068\u2069.jpg", "isolate.jpg")]
    [InlineData("mark\u200E\u200F\u061C.heic", "mark.heic")]
    [InlineData("../../etc/pass\u0000wd", "passwd")]
    [InlineData("C:\\Users\\me\\Photo 1.jpg", "Photo 1.jpg")]
    [InlineData("\u202E", "upload")]
    [InlineData("Ünïcødé 照片.jpg", "Ünïcødé 照片.jpg")]
    public void A_file_name_keeps_no_path_control_or_bidirectional_characters(string sent, string kept) =>
        Assert.Equal(kept, JobQueue.SafeFileName(sent));
}
