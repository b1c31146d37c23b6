import Platform

print("minerva-connect")
