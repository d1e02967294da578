"""actorgraph.nlp"""
