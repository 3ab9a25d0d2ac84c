"""Moving code keeps the project's outside: every management command, URL name and setting
recorded before the layout changed (inventory.txt) is still there."""

from pathlib import Path

from tests.layout.inventory import inventory

RECORDED = Path(__file__).with_name("inventory.txt")


def test_every_recorded_command_url_name_and_setting_is_still_there():
    recorded = [line for line in RECORDED.read_text().splitlines() if line.strip()]
    assert len(recorded) > 100  # the recorded list is the real one, not an empty file
    missing = sorted(set(recorded) - set(inventory()))
    assert missing == []


def test_the_inventory_sees_commands_urls_and_settings():
    lines = inventory()
    assert "command generate_demo" in lines
    assert "url courts:detail" in lines
    assert "setting ROOT_URLCONF" in lines
