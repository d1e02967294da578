"""actorgraph.resolve"""
