def test_unreachable_database_is_a_one_line_error(run_command: Run) -> None:
    """A database that cannot be opened exits 1 naming its URL."""
    url = "postgresql+psycopg://postgres@127.0.0.1:1/none"
    result = run_command("query", "--server", url, "Project")
    assert result.exit_status == 1
    assert f"Cannot open the database {url!r}" in result.stderr
    assert "Traceback" not in result.stderr
