using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Konvrt.Portal.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// The API's shared sliding windows (Features/ApiKeys/PostgresSlidingWindow.cs). Written by hand: the table is
    /// read and written only by that class's SQL, not through the model. "Admitted" says whether the row's last change let
    /// its request through. Unlogged: the counts are worth no
    /// write-ahead log, and a database crash forgets at most a minute of them.
    /// </summary>
    public partial class RateLimitWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE "RateLimitWindows" (
                    "Partition" character varying(100) NOT NULL PRIMARY KEY,
                    "Times" bigint[] NOT NULL,
                    "Admitted" boolean NOT NULL DEFAULT true
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "RateLimitWindows";""");
        }
    }
}
