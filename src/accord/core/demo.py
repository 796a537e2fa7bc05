def demo_load() -> bool:
    return False
