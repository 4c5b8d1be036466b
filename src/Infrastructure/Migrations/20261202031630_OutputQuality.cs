using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Konvrt.Portal.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OutputQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Quality",
                table: "JobOutputs",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Quality",
                table: "JobOutputs");
        }
    }
}
